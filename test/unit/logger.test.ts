import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('logs never carry secrets', () => {
  it('redacts tokens, passwords and authorization headers wherever they appear in a log line', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info(
      {
        token: 'xoxb-123-secret',
        botToken: 'xoxb-456-secret',
        config: { slack: { signingSecret: 'shh-signing', botToken: 'xoxb-789' }, teams: { appPassword: 'p@ss' } },
      },
      'starting',
    );
    log.info({ req: { headers: { authorization: 'Bearer eyJhbGciOi.secret' } }, workspace: { password: 'hunter2' } }, 'request');
    const all = lines.join('\n');
    for (const secret of ['xoxb-123-secret', 'xoxb-456-secret', 'shh-signing', 'xoxb-789', 'p@ss', 'eyJhbGciOi.secret', 'hunter2']) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('[redacted]');
    expect(all).toContain('starting');
  });

  it('redacts the Slack OAuth secrets and the encryption key in a logged configuration', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info(
      {
        config: { slack: { oauth: { clientId: '1.2', clientSecret: 'client-shh', stateSecret: 'state-shh' } }, encryptionKey: 'key-shh' },
        bot: { refreshToken: 'xoxe-refresh' },
      },
      'starting',
    );
    const all = lines.join('\n');
    for (const secret of ['client-shh', 'state-shh', 'key-shh', 'xoxe-refresh']) expect(all).not.toContain(secret);
    expect(all).toContain('1.2');
  });

  it('keeps the context a reader needs: mission, platform, workspace', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).child({ platform: 'slack', workspace: 'T1' }).info({ missionId: 'msn_1' }, 'round opened');
    expect(JSON.parse(lines[0])).toMatchObject({ platform: 'slack', workspace: 'T1', missionId: 'msn_1', msg: 'round opened' });
  });
});
