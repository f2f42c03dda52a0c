import { expect } from 'chai';
import { defineSagaBinding, SagaBindingError } from '../src/index.ts';
import { tripSagaBinding } from './support/trip-saga.ts';

describe('defineSagaBinding', () => {
  it('hands the binding back as written', () => {
    expect(defineSagaBinding(tripSagaBinding)).to.equal(tripSagaBinding);
  });

  it('refuses a key name the saga’s view could not show it under: no field name, or one of the view’s', () => {
    for (const name of ['', 'trip id', 'trip.id', '$where', 'status', 'sagaId', 'data']) {
      const bind = () => defineSagaBinding({ ...tripSagaBinding, key: { ...tripSagaBinding.key, name } });
      expect(bind, name).to.throw(SagaBindingError).with.property('keyName', name);
    }
  });
});
