/**
 * The OAuth 2.0 scene (authorization server and XOAUTH2 SMTP servers) in a process of its own, for
 * the benchmark: a real mail server does not share the app's CPU. Prints `scene JSON` when
 * listening; stops when its stdin ends.
 */
import { startOAuthScene } from './oauth-scene';

const scene = await startOAuthScene();
process.stdout.write(`scene ${JSON.stringify({
  args: scene.args, caFile: scene.ca.caFile, oauthUrl: scene.oauth.url, microsoftLoginUrl: scene.oauth.microsoftLoginUrl,
  googleTokenUrl: scene.oauth.googleTokenUrl, microsoftSmtpPort: scene.microsoftSmtp.port,
})}\n`);
process.stdin.resume();
process.stdin.on('end', () => void scene.dispose().then(() => process.exit(0)));
