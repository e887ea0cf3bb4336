export function AuthCard({ title, subtitle, children }: { title: string; subtitle: React.ReactNode; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-4 flex size-10 items-center justify-center rounded-lg bg-brand-600 text-lg font-bold text-white">
            CC
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="mt-2 text-sm text-neutral-600">{subtitle}</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-xs ring-1 ring-neutral-200">{children}</div>
      </div>
    </main>
  );
}
