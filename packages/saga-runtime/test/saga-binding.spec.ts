import { expect } from 'chai';
import { defineSagaBinding, SagaBindingError, SagaSearchFieldError } from '../src/index.ts';
import { tripSagaBinding } from './support/trip-saga.ts';

describe('defineSagaBinding', () => {
  it('hands the binding back as written', () => {
    expect(defineSagaBinding(tripSagaBinding)).to.equal(tripSagaBinding);
  });

  it('refuses a key name the saga’s view could not show it under: no field name, or one of the view’s', () => {
    for (const name of ['', 'trip id', 'trip.id', '$where', 'status', 'sagaId', 'data', 'key', 'outcome']) {
      const bind = () => defineSagaBinding({ ...tripSagaBinding, key: { ...tripSagaBinding.key, name } });
      expect(bind, name).to.throw(SagaBindingError).with.property('keyName', name);
    }
  });

  it('takes the data fields an operator may list sagas by', () => {
    const binding = { ...tripSagaBinding, searchable: ['destination'] as const };
    expect(defineSagaBinding(binding).searchable).to.deep.equal(['destination']);
  });

  it('refuses a searchable field the list could not offer: no field name, repeated, or a name the list has', () => {
    for (const searchable of [
      ['trip.destination'],
      ['destination', 'destination'],
      ['status'],
      ['cursor'],
      ['tripId'],
      ['key'],
    ]) {
      const bind = () =>
        defineSagaBinding({
          ...tripSagaBinding,
          searchable: searchable as unknown as readonly 'destination'[],
        });
      expect(bind, searchable.join()).to.throw(SagaSearchFieldError);
    }
  });
});
