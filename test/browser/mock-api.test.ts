import { expect } from '../helpers/fixtures.js';
import { advanceClock, dbUser, latestCode, loginAs, readOutbox, useMockApi } from '../helpers/mock-api.js';

describe('mock API in the page (msw + the real Hono app)', () => {
  useMockApi();

  it('signs in a seeded user and reads what is stored', async () => {
    const login = await loginAs('admin');
    expect(login.user.username).to.equal('admin');
    const me = await fetch('/api/v1/me/personal-info');
    expect(me.status).to.equal(200);
    const user = await dbUser('admin');
    expect(user.mobile.value).to.equal('+8613812345678');
    expect(user.sessionLimit).to.equal(null);
  });

  it('starts every test from the seed (signed out, empty outbox)', async () => {
    const me = await fetch('/api/v1/me/personal-info');
    expect(me.status).to.equal(401);
    expect(await readOutbox()).to.deep.equal([]);
    let error: unknown;
    await latestCode().catch((e: unknown) => {
      error = e;
    });
    expect(String(error)).to.contain('No code in the outbox');
  });

  it('moves the server clock', async () => {
    const before = Date.parse((await (await fetch('/__dev/clock')).json()).now);
    const after = Date.parse(await advanceClock(3600));
    expect(after - before).to.be.within(3600_000, 3660_000);
  });
});
