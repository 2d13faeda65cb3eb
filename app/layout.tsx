import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { SessionNotice } from "@/app/_components/page-state";
import { Sidebar } from "@/app/_components/sidebar";
import { SIDEBAR_COOKIE, sidebarCollapsedFrom, THEME_COOKIE, themeFrom } from "@/lib/shell-preferences";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "OpenDepot Registry Explorer", template: "%s · OpenDepot Registry Explorer" },
  description: "Browse the Terraform/OpenTofu modules and providers of an OpenDepot registry.",
  applicationName: "OpenDepot Registry Explorer",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-icon.png",
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const jar = await cookies();
  const theme = themeFrom(jar.get(THEME_COOKIE)?.value);
  const collapsed = sidebarCollapsedFrom(jar.get(SIDEBAR_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen bg-canvas font-sans text-fg antialiased">
        <a
          href="#main"
          className="sr-only z-50 rounded bg-accent px-3 py-2 text-on-accent focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <div className="md:flex">
          <Sidebar theme={theme} collapsed={collapsed} />
          <div className="min-w-0 flex-1">
            <SessionNotice />
            {children}
          </div>
        </div>
      </body>
    </html>
  );
}
