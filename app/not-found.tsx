import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-3xl p-6">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2">
        There is no such page, or the module or provider does not exist — or you may not see it. Signing in can show more; the &quot;Who am I?&quot; panel in the sidebar says what
        your groups grant.
      </p>
      <p className="mt-4">
        <Link href="/" className="text-blue-700 underline dark:text-blue-300">
          Back to the registry
        </Link>
      </p>
    </main>
  );
}
