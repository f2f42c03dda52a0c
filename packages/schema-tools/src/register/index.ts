export { registerSchemas, type RegisterOptions, type RegisterResult } from './register-schemas.ts';
