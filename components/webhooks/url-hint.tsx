/** What URLs this server accepts (docs/security.md#endpoint-urls), worded for the URL field. */
export function UrlHint({ allowHttp, allowPrivate, embedded }: { allowHttp: boolean; allowPrivate: boolean; embedded: boolean }) {
  if (embedded && allowHttp && allowPrivate) {
    return (
      <>
        Where events are POSTed. Use <code className="font-mono">https://</code> in production; in this embedded setup{" "}
        <code className="font-mono">http://localhost:…</code> receivers on your machine work too.
      </>
    );
  }
  if (allowHttp) {
    return (
      <>
        Where events are POSTed. <code className="font-mono">https://</code> is recommended; this server also accepts{" "}
        <code className="font-mono">http://</code>.
      </>
    );
  }
  return (
    <>
      Where events are POSTed: an <code className="font-mono">https://</code> URL reachable from the internet.
    </>
  );
}
