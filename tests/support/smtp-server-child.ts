/**
 * The test SMTP server in a process of its own (for the benchmark: a real mail server does
 * not share the app's CPU). Prints `url URL` when listening; counts mails on request.
 */
import { startTestSmtpServer } from './smtp-test-server';

const server = await startTestSmtpServer();
process.stdout.write(`url ${server.url}\n`);
process.stdin.on('data', (d) => {
  if (d.toString().includes('count')) process.stdout.write(`count ${server.mails.length}\n`);
});
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
