import express from 'express';
import { closeServer, listen } from './http-server';

describe('closeServer with a deadline', () => {
  it('cuts a request still unanswered at the deadline, and resolves, rather than waiting for it', async () => {
    const app = express();
    let arrived: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    app.get('/stuck', () => arrived()); // never answers
    const running = await listen(app, '127.0.0.1', 0);
    const answer = fetch(`${running.url}/stuck`).then(
      (res) => `answered ${res.status}`,
      () => 'cut',
    );
    await inFlight;
    await closeServer(running.server, 0, Date.now() + 300);
    await expect(answer).resolves.toBe('cut');
  });

  it('without one, waits for the request in flight to be answered', async () => {
    const app = express();
    app.get('/slow', (_req, res) => void setTimeout(() => res.json({ ok: true }), 400));
    const running = await listen(app, '127.0.0.1', 0);
    const answer = fetch(`${running.url}/slow`).then((res) => res.status);
    await new Promise((r) => setTimeout(r, 100));
    await closeServer(running.server);
    await expect(answer).resolves.toBe(200);
  });
});
