import { assertDbShape, type DbData } from './db.js';

/** lowdb-style adapter holding the serialized db (lowdb's `TextFile` on Node, `Memory` in the browser). */
export interface TextAdapter {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

export class CorruptDatabaseError extends Error {
  override readonly name = 'CorruptDatabaseError';
}

export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
}

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * The db in memory plus durable group commits.
 *
 * Handlers mutate `data` synchronously, then `await commit()`; they answer 2xx only after the write
 * that contains their change has resolved. Concurrent commits share one serialization and one
 * atomic write (lowdb/steno: temp file + rename), so a 5 MB db does not collapse throughput. When a
 * write fails, the in-memory state goes back to the last durable copy and every request whose
 * change was not durable is told so (503) — nothing is acknowledged that is not on disk.
 */
export class Store {
  data: DbData;
  /** Fault switch for tests and demos: every write fails. */
  failWrites = false;
  readonly #adapter: TextAdapter;
  #lastDurable: string;
  #pending: Waiter[] = [];
  #flushing = false;

  private constructor(adapter: TextAdapter, text: string, data: DbData) {
    this.#adapter = adapter;
    this.#lastDurable = text;
    this.data = data;
  }

  /**
   * Read the db; seed it when absent. A file that is present but unreadable throws
   * {@link CorruptDatabaseError} — an empty one too: a crash or a full disk can truncate a file, and
   * seeding over it would silently lose whatever it held.
   */
  static async open(adapter: TextAdapter, seed: () => Promise<DbData>): Promise<Store> {
    const text = await adapter.read();
    if (text === '') throw new CorruptDatabaseError('the file is empty (0 bytes)');
    if (text === null) {
      const data = await seed();
      const seeded = JSON.stringify(data);
      await adapter.write(seeded);
      return new Store(adapter, seeded, data);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
      assertDbShape(data);
    } catch (e) {
      throw new CorruptDatabaseError(e instanceof Error ? e.message : String(e));
    }
    return new Store(adapter, text, data);
  }

  /** Replace the whole db (dev reset) and persist it. */
  async replace(data: DbData): Promise<void> {
    this.data = data;
    await this.commit();
  }

  /** Resolves once everything changed so far is durable; rejects with {@link StorageUnavailableError}. */
  commit(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        if (this.failWrites) throw new Error('simulated write failure');
        const text = JSON.stringify(this.data);
        await this.#adapter.write(text);
        this.#lastDurable = text;
        for (const w of batch) w.resolve();
      } catch (e) {
        // Roll back to the durable copy; changes queued meanwhile were made on top of the lost state.
        const restored: unknown = JSON.parse(this.#lastDurable);
        assertDbShape(restored);
        this.data = restored;
        const failed = [...batch, ...this.#pending];
        this.#pending = [];
        const error = new StorageUnavailableError(e instanceof Error ? e.message : String(e));
        for (const w of failed) w.reject(error);
      }
    }
    this.#flushing = false;
  }
}
