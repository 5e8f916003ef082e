/**
 * SMTP servers that stop answering, on loopback: `silent` accepts the connection and never says
 * a word; `afterData` greets and answers every command, then never answers the end of DATA.
 * Both keep their sockets open (as a tarpit or a firewall swallowing packets would) until closed.
 */
import { createServer, type Socket } from 'node:net';

export interface Tarpit {
  port: number;
  url: string;
  /** how many connections were accepted */
  connections(): number;
  close(): Promise<void>;
}

export async function startTarpit(kind: 'silent' | 'afterData'): Promise<Tarpit> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (kind === 'silent') return;
    socket.write('220 tarpit.example ESMTP\r\n');
    let buffered = '';
    let inData = false;
    socket.on('data', (d: Buffer) => {
      buffered += d.toString('latin1');
      if (inData) {
        // the end of DATA arrives: a real server would answer 250 here; this one says nothing
        if (buffered.includes('\r\n.\r\n')) buffered = '';
        return;
      }
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-tarpit.example\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
        else if (verb === 'DATA') {
          socket.write('354 go ahead\r\n');
          inData = true;
          return;
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('502 not here\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
