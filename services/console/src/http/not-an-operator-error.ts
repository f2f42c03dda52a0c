import { HttpError } from '@saga/service-kit';

/** 403: a valid token, but not an operator's (a customer's JWT): the console is for admin and ops only. */
export class NotAnOperatorError extends HttpError {
  constructor() {
    super(
      403,
      'NOT_AN_OPERATOR',
      'the console is for operators: this token is valid but holds neither the admin nor the ops role (a customer token cannot log in); use an admin or ops token',
    );
  }
}
