import type mongoose from 'mongoose';

/**
 * Makes a service's store connection run only the query operators its own code wrote, and only on
 * paths its schemas declare:
 *
 * - `sanitizeFilter`: a filter value holding `$` keys is compared as a value (`{ $eq: … }`) instead of
 *   run as an operator, unless the code marked it with `mongoose.trusted({ $gte: n })`. A request value
 *   that somehow reached a filter as an object (`?status[$ne]=x`, a JSON body) can then only ever be
 *   compared, never widen the query. `$and`/`$or`/`$nor` are looked into, so `noArrayElementWith`
 *   needs no marking.
 * - `strictQuery: 'throw'`: a filter naming a path that no schema declares is an error. Mongoose's
 *   other strict setting, `true`, would silently drop the condition, which turns a guarded update
 *   ("only if this id was not applied yet") into an unguarded one.
 *
 * Models made on the connection afterwards get the strict setting (a connection plugin); runService
 * applies this before it builds the service's models.
 */
export function guardQueries(db: mongoose.Connection): void {
  db.set('sanitizeFilter', true);
  db.plugin((schema: mongoose.Schema) => {
    schema.set('strictQuery', 'throw');
  });
}
