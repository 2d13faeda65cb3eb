// Runs once when the server starts (not at build): validate configuration and start the source.

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startRuntime } = await import("./lib/server/runtime");
  const { ConfigError } = await import("./lib/config");
  try {
    startRuntime();
  } catch (err) {
    if (err instanceof ConfigError) {
      // One line naming the variable, then stop: a half-configured server must not serve.
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
