import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Sidebar } from "@/components/layout/sidebar";
import type { Theme } from "@/components/layout/theme-switch";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "OpenDepot Registry Explorer", template: "%s · OpenDepot Registry Explorer" },
  description: "Browse the Terraform/OpenTofu modules and providers of an OpenDepot registry.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const raw = (await cookies()).get("theme")?.value;
  const theme: Theme = raw === "light" || raw === "dark" ? raw : "system";
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only z-50 rounded bg-blue-700 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
          Skip to content
        </a>
        <div className="md:flex">
          <Sidebar theme={theme} />
          <div className="min-w-0 flex-1 pt-12 md:pt-0">{children}</div>
        </div>
      </body>
    </html>
  );
}
