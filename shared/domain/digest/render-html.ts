// Renders a digest model as a self-contained HTML page that looks like the Slack message
// (digest.html, the preview when no Slack token is configured). Everything is escaped. Pure.
import { STANCE_SYMBOL, escapeHtml, formatDate, plural, safeUrl, truncateWords } from './format.ts';
import type { DigestModel, DigestStory } from './model.ts';
import { failingFeedsLine, statsLine } from './slack-blocks.ts';

const CSS = `
body{font:15px/1.46 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f8f8f8;color:#1d1c1d;margin:0;padding:24px}
.msg{max-width:760px;margin:auto;background:#fff;border:1px solid #ddd;border-radius:8px;padding:16px 20px}
.bot{display:flex;gap:10px;align-items:center;margin-bottom:8px}.avatar{width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700}
.name{font-weight:900}.time{color:#616061;font-size:12px}
h1{font-size:18px;font-weight:900;margin:8px 0 4px}.ctx{color:#616061;font-size:13px;margin:4px 0}
hr{border:0;border-top:1px solid #e8e8e8;margin:12px 0}.claim{margin:6px 0}.timeline{color:#616061;font-style:italic;font-size:13px}
.entry{margin:10px 0 10px 4px}a{color:#1264a3;text-decoration:none}a:hover{text-decoration:underline}
blockquote{border-left:4px solid #ddd;margin:4px 0;padding:0 10px;color:#454245}
.stance{font-weight:700}.contradicts{color:#c0392b}.updates{color:#b9770e}.supports{color:#1e8449}.mentions{color:#616061}
.meta{color:#616061;font-size:13px}ul{padding-left:18px}`;

function title(s: DigestStory): string {
  const t = escapeHtml(truncateWords(s.title || '(untitled)', 200));
  const u = safeUrl(s.url);
  return u ? `<a href="${escapeHtml(u)}" rel="noopener noreferrer">${t}</a>` : t;
}

function meta(s: DigestStory, tz: string): string {
  const extra = s.otherSources.length ? ` · +${plural(s.otherSources.length, 'source')} (${escapeHtml(s.otherSources.join(', '))})` : '';
  return `<div class="meta">${escapeHtml(s.source)} · ${escapeHtml(formatDate(s.publishedAt, tz))}${extra}</div>`;
}

/** The digest as one self-contained HTML document (inline CSS, no scripts, no external resources). */
export function renderHtml(model: DigestModel): string {
  const tz = model.timeZone;
  const body: string[] = [];
  body.push(`<h1>${escapeHtml(truncateWords(model.title, 150))}</h1>`);
  body.push(`<div class="ctx">${escapeHtml(`${formatDate(model.since, tz)} → ${formatDate(model.until, tz)} (${tz})`)}</div>`);
  if (model.claimSections.length === 0 && model.otherStories.length === 0) body.push('<p>Nothing new on the watched topics in this window.</p>');
  for (const s of model.claimSections) {
    body.push('<hr>', `<div class="claim"><b>Claim ${escapeHtml(s.claimId)}:</b> ${escapeHtml(s.claimText)}</div>`);
    if (s.timeline) body.push(`<div class="timeline">📅 ${escapeHtml(s.timeline)}</div>`);
    for (const e of s.entries) {
      const parts = [
        `<div class="entry"><span class="stance ${e.stance}">${STANCE_SYMBOL[e.stance]} ${e.stance}</span> · ${title(e)}`,
        meta(e, tz),
      ];
      if (e.evidence) parts.push(`<blockquote>${escapeHtml(truncateWords(e.evidence, 400))}</blockquote>`);
      if (e.update) {
        parts.push(
          `<div>📈 ${e.update.subject ? `${escapeHtml(e.update.subject)}: ` : ''}${escapeHtml(e.update.old)} → <b>${escapeHtml(e.update.new)}</b></div>`,
        );
      }
      parts.push('</div>');
      body.push(parts.join(''));
    }
  }
  if (model.otherStories.length > 0) {
    body.push('<hr>', `<div class="claim"><b>Other news</b> (${model.otherStories.length})</div><ul>`);
    for (const s of model.otherStories) body.push(`<li>${title(s)}${meta(s, tz)}</li>`);
    body.push('</ul>');
  }
  body.push('<hr>', `<div class="ctx">${escapeHtml(statsLine(model))}</div>`);
  const failing = failingFeedsLine(model);
  if (failing) body.push(`<div class="ctx">${escapeHtml(failing)}</div>`);

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(model.title)}</title><style>${CSS}</style></head>
<body><div class="msg"><div class="bot"><div class="avatar">cw</div><div><span class="name">claimwatch</span> <span class="time">${escapeHtml(formatDate(model.until, tz))}</span></div></div>
${body.join('\n')}
</div></body></html>
`;
}
