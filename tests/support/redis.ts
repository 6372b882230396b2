// The Redis the tests use (CI starts one at 127.0.0.1:6379), and whether it answers: suites that
// need it are skipped, with their name saying why, when it does not.
import net from "node:net";

export const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export function redisAnswers(url = testRedisUrl): Promise<boolean> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port || 6379), hostname);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
