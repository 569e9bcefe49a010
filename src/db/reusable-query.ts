import type { CompiledQuery, Compilable, Kysely } from 'kysely';

const SENTINEL = '\u0000sakuga-arg-';

/**
 * A Kysely query compiled once and executed many times with new bound values.
 * Building and compiling a query costs tens of microseconds, which on the
 * authentication path (every request) is more than running it. The query is
 * compiled with sentinel arguments; each run swaps the real values into their
 * bound-parameter slots, so values still never touch the SQL text.
 */
export function reusableQuery<DB, Args extends string[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): (db: Kysely<DB>, ...args: Args) => Promise<Row | undefined> {
  const compiled = new WeakMap<Kysely<DB>, { query: CompiledQuery<Row>; slots: Array<number | { value: unknown }> }>();

  function prepare(db: Kysely<DB>, arity: number) {
    const sentinels = Array.from({ length: arity }, (_, i) => `${SENTINEL}${i}`) as Args;
    const query = build(db, ...sentinels).compile();
    const slots = query.parameters.map((value) => {
      const index = typeof value === 'string' && value.startsWith(SENTINEL) ? Number(value.slice(SENTINEL.length)) : -1;
      return index >= 0 ? index : { value };
    });
    return { query, slots };
  }

  return async (db, ...args) => {
    let entry = compiled.get(db);
    if (!entry) {
      entry = prepare(db, args.length);
      compiled.set(db, entry);
    }
    const parameters = entry.slots.map((slot) => (typeof slot === 'number' ? args[slot] : slot.value));
    const result = await db.executeQuery<Row>({ ...entry.query, parameters });
    return result.rows[0];
  };
}
