// The dashboard's stylesheet, served as /assets/dashboard.css (a page allows no inline style).
// Verdict colours follow Burrow's status: OK green, WARN amber, ERR and the partition errors red.
export const DASHBOARD_CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f9fafb; }
nav { display: flex; gap: 1.2em; align-items: center; padding: .7em 1.2em; background: #111827; color: #f9fafb; }
nav a { color: #93c5fd; text-decoration: none; }
main { padding: 0 1.2em 2em; }
h1 { font-size: 1.35em; } h2 { font-size: 1.1em; margin-top: 1.6em; } h3 { font-size: 1em; margin: .2em 0; }
table { border-collapse: collapse; background: #fff; margin: .4em 0; }
th, td { border: 1px solid #e5e7eb; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.error, li.error { color: #b91c1c; max-width: 40em; word-break: break-word; }
.badge { display: inline-block; padding: .05em .5em; border-radius: .7em; font-weight: 600; color: #fff; background: #6b7280; }
.badge-OK { background: #16a34a; } .badge-WARN { background: #d97706; }
.badge-ERR, .badge-STOP, .badge-STALL, .badge-REWIND { background: #dc2626; }
.badge-NOTFOUND, .badge-NONE { background: #9ca3af; }
.muted { color: #6b7280; } .warn { color: #b45309; }
form.inline { display: inline-flex; gap: .3em; margin: 0 .4em .2em 0; }
input, select, button { font: inherit; padding: .15em .4em; }
button { cursor: pointer; border: 1px solid #9ca3af; background: #fff; border-radius: .3em; }
.chart { background: #fff; border: 1px solid #e5e7eb; max-width: 960px; }
.record { background: #fff; border: 1px solid #e5e7eb; padding: .5em .8em; margin: .6em 0; }
pre.value { background: #f3f4f6; padding: .5em; overflow: auto; max-height: 24em; white-space: pre-wrap; word-break: break-all; }
#replay label { margin-right: .8em; }
`;
