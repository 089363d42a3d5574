/**
 * Runs the loopback server in its own process, so on a small machine the server's work does not share an
 * event loop (or a core) with the client being measured. Tells the parent its port over IPC; exits when
 * the parent disconnects or dies.
 */
import { startLoopbackServer } from './loopback-server.mjs';

const server = await startLoopbackServer();
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
process.send?.({ port: server.port });
