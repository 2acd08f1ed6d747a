/**
 * The widget's stylesheet, inside its shadow root: nothing leaks in from the host page or out to it.
 * A host themes it with CSS custom properties on the element (`askfolio-chat { --askfolio-accent: … }`)
 * or with data attributes on the script tag (`data-accent`, `data-theme`, `data-position`).
 * Kept as a plain string so the served script can inline it (see serveWidget.ts).
 */
export const widgetStyles = `
:host{all:initial;position:fixed;z-index:var(--askfolio-z,2147483000);bottom:var(--askfolio-offset,20px);right:var(--askfolio-offset,20px);
--a:var(--askfolio-accent,#2457d6);--ai:var(--askfolio-accent-text,#fff);--bg:var(--askfolio-bg,#fff);--fg:var(--askfolio-fg,#1b1f24);
--mu:var(--askfolio-muted,#5b6470);--bd:var(--askfolio-border,#d5dae1);--sf:var(--askfolio-surface,#f3f5f8);--er:var(--askfolio-error,#b42318);
--lk:var(--askfolio-link,var(--a));--r:var(--askfolio-radius,14px);font:15px/1.5 var(--askfolio-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--fg)}
:host([data-position=left]){right:auto;left:var(--askfolio-offset,20px)}
:host([data-theme=dark]){--bg:var(--askfolio-bg,#16191d);--fg:var(--askfolio-fg,#e8eaed);--mu:var(--askfolio-muted,#a3abb6);
--bd:var(--askfolio-border,#343a42);--sf:var(--askfolio-surface,#22262c);--er:var(--askfolio-error,#ff8a80);
--lk:var(--askfolio-link,color-mix(in srgb,var(--a) 35%,#fff))}
@media (prefers-color-scheme:dark){:host(:not([data-theme=light])){--bg:var(--askfolio-bg,#16191d);--fg:var(--askfolio-fg,#e8eaed);
--mu:var(--askfolio-muted,#a3abb6);--bd:var(--askfolio-border,#343a42);--sf:var(--askfolio-surface,#22262c);--er:var(--askfolio-error,#ff8a80);
--lk:var(--askfolio-link,color-mix(in srgb,var(--a) 35%,#fff))}}
*,*::before,*::after{box-sizing:border-box}
button,textarea{font:inherit;color:inherit}
:focus-visible{outline:3px solid var(--lk);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{display:flex;align-items:center;gap:8px;margin-left:auto;border:0;border-radius:999px;padding:12px 18px;background:var(--a);color:var(--ai);
font-weight:600;cursor:pointer;box-shadow:0 6px 20px rgb(0 0 0/.22)}
:host([data-position=left]) .launcher{margin-left:0}
.launcher svg{width:20px;height:20px}
.panel{display:flex;flex-direction:column;width:min(400px,calc(100vw - 24px));height:min(600px,calc(100vh - 110px));height:min(600px,calc(100dvh - 110px));margin-bottom:12px;
background:var(--bg);border:1px solid var(--bd);border-radius:var(--r);box-shadow:0 16px 48px rgb(0 0 0/.28);overflow:hidden}
.panel[hidden]{display:none}
header{display:flex;align-items:center;gap:6px;padding:12px 14px;border-bottom:1px solid var(--bd)}
h2{flex:1;margin:0;font-size:16px;font-weight:650}
.icon{border:0;background:none;border-radius:8px;padding:6px 8px;cursor:pointer;color:var(--mu)}
.icon:hover{background:var(--sf);color:var(--fg)}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:12px}
.intro{color:var(--mu);margin:0}
.suggest{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;align-items:flex-start;gap:6px}
.suggest button{text-align:left;border:1px solid var(--bd);background:var(--bg);border-radius:10px;padding:7px 11px;cursor:pointer;color:var(--lk)}
.suggest button:hover{background:var(--sf)}
.q{align-self:flex-end;max-width:85%;background:var(--a);color:var(--ai);padding:8px 12px;border-radius:var(--r) var(--r) 4px var(--r);white-space:pre-wrap;overflow-wrap:anywhere}
.a{align-self:flex-start;max-width:92%;background:var(--sf);padding:10px 12px;border-radius:var(--r) var(--r) var(--r) 4px}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
.a a{color:var(--lk);font-weight:600}
.cite{text-decoration:none;font-size:.85em;vertical-align:super;line-height:0;padding:0 1px}
.sources{margin:8px 0 0;padding-left:20px;font-size:13px;color:var(--mu)}
.sources a{font-weight:500}
.note{margin:6px 0 0;font-size:13px;color:var(--mu)}
.error{margin:6px 0 0;font-size:14px;color:var(--er)}
.rate{display:flex;gap:4px;margin-top:6px}
.rate button{display:grid;place-items:center;border:1px solid var(--bd);background:var(--bg);border-radius:8px;padding:4px 8px;cursor:pointer;color:var(--mu)}
.rate svg{width:16px;height:16px}
.rate [data-rating=down] svg{transform:scale(-1,-1)}
.rate button[aria-pressed=true]{border-color:var(--a);background:var(--a);color:var(--ai)}
.rate button[aria-disabled=true]{cursor:default}
.rate button[aria-disabled=true]:not([aria-pressed=true]){opacity:.5}
.typing{display:inline-flex;gap:4px;padding:4px 0}
.typing i{width:7px;height:7px;border-radius:50%;background:var(--mu);animation:b 1s infinite ease-in-out}
.typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}
@keyframes b{0%,80%,100%{opacity:.3;transform:translateY(0)}40%{opacity:1;transform:translateY(-3px)}}
@media (prefers-reduced-motion:reduce){.typing i{animation:none}}
form{display:flex;gap:8px;align-items:flex-end;padding:10px;border-top:1px solid var(--bd)}
textarea{flex:1;resize:none;min-height:42px;max-height:140px;padding:9px 11px;border:1px solid var(--bd);border-radius:10px;background:var(--bg)}
.send{border:0;border-radius:10px;padding:10px 14px;background:var(--a);color:var(--ai);font-weight:600;cursor:pointer}
.send:disabled{opacity:.6;cursor:default}
@media (max-width:480px){:host{bottom:12px;right:12px}:host([data-position=left]){left:12px}.panel{width:calc(100vw - 24px)}textarea{font-size:16px}}
`
