import { Memory } from 'lowdb';
import { createMockApp } from './app.js';
import { ManualClock } from './clock.js';
import type { MockConfig } from './context.js';
import { seedData } from './seed.js';
import { Store } from './store.js';

/** An in-memory mock with a manual clock: for in-process tests (`app.request`). */
export async function createMemoryMock(config: Partial<MockConfig> = {}) {
  const store = await Store.open(new Memory<string>(), () =>
    seedData({ extraUsers: config.seedExtraUsers ?? 0 }),
  );
  const clock = new ManualClock();
  const app = createMockApp({ store, clock, config });
  return { app, store, clock };
}
