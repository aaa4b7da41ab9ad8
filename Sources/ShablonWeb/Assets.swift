/// The page's own style and script, served by the binary (no CDN, no build step).
enum Assets {
    static let style = """
    :root { --ink: #1f2933; --muted: #6b7785; --line: #d5dbe1; --accent: #1c5fa8; --bad: #b3261e; --good: #1e7b34; --paper: #f4f6f8; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 "PT Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); background: var(--paper); }
    header.top { display: flex; gap: 1em; align-items: baseline; padding: .6em 1.2em; background: #fff; border-bottom: 1px solid var(--line); }
    header.top .brand { font-weight: bold; font-size: 1.2em; color: var(--accent); text-decoration: none; }
    header.top .sub { color: var(--muted); flex: 1; }
    main { padding: 1em 1.2em 3em; max-width: 1500px; margin: 0 auto; }
    h1 { font-size: 1.5em; margin: .4em 0 .2em; } h2 { font-size: 1.15em; margin: .3em 0; }
    a { color: var(--accent); }
    .muted { color: var(--muted); font-size: .92em; }
    .notice { padding: .6em .9em; border-radius: 4px; background: #fff; border-left: 4px solid var(--accent); }
    .notice.good { border-color: var(--good); } .notice.bad { border-color: var(--bad); }
    .bad { color: var(--bad); } .good { color: var(--good); }
    table.list { width: 100%; border-collapse: collapse; background: #fff; }
    table.list th, table.list td { text-align: left; padding: .45em .6em; border-bottom: 1px solid var(--line); vertical-align: top; }
    table.list th { font-weight: normal; color: var(--muted); }
    td.actions, td.when { white-space: nowrap; }
    form.inline { display: inline; }
    button, a.button { font: inherit; padding: .3em .8em; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; text-decoration: none; }
    td.actions button, .trash button { background: #fff; color: var(--accent); margin: 0 .2em .2em 0; }
    button.danger { border-color: var(--bad); color: var(--bad); background: #fff; }
    button.link { background: none; border: none; color: var(--accent); text-decoration: underline; padding: 0; }
    .cards { display: flex; flex-wrap: wrap; gap: 1em; margin: 1.5em 0; }
    .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8em 1em; flex: 1 1 280px; }
    .card label, .card input, .card select { display: block; margin: .3em 0; width: 100%; }
    .card.narrow { max-width: 360px; }
    ul.problems { padding-left: 1.2em; } li.problem { margin: .3em 0; } li.problem .code { font-size: .8em; color: var(--muted); }
    li.problem.error { color: var(--bad); } li.problem .hint { color: var(--ink); font-size: .92em; }
    .split { display: flex; gap: 1.2em; align-items: flex-start; }
    .split .editor { flex: 1 1 55%; min-width: 0; } .split .pages { flex: 1 1 45%; position: sticky; top: .5em; }
    .outputs { display: flex; flex-wrap: wrap; gap: .6em 1.2em; align-items: center; margin-bottom: .5em; }
    a.download { margin-right: .4em; }
    iframe#preview { width: 100%; height: 85vh; border: 1px solid var(--line); background: #888; }
    body.preview { background: #888; margin: 0; padding: 8px; }
    img.sheet { display: block; width: 100%; max-width: 700px; margin: 0 auto 10px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.4); }
    .preview-problems { background: #fff; padding: .5em 1em; }
    textarea#text { width: 100%; font: 14px/1.4 "DejaVu Sans Mono", monospace; }
    nav.doc-tools { margin: .3em 0; }
    @media (max-width: 1000px) { .split { display: block; } }
    """

    static let script = """
    // Asks before a form marked data-confirm (delete) is sent.
    document.addEventListener('submit', function (e) {
      var f = e.target;
      if (f.dataset && f.dataset.confirm && !window.confirm(f.dataset.confirm)) { e.preventDefault(); }
    });
    // The template chosen on a document's page applies at once.
    document.addEventListener('change', function (e) {
      if (e.target.closest && e.target.closest('#template-choice')) { e.target.form.submit(); }
    });
    """
}
