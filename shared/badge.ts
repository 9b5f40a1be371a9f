// The badge a unit's portal embeds: a small static SVG (index, rank "4/9", band, period) and an
// iframe-able card, generated at publishing from the unit's published row. Text is escaped; nothing
// runs in either file.

export interface BadgeFacts {
  readonly unitName: string;
  readonly methodologyName: string;
  readonly periodLabel: string;
  readonly index: number | null;
  readonly rank: number | null;
  readonly of: number;
  readonly band: string | null;
  /** Where the public profile is (the badge links there). */
  readonly profileUrl: string;
}

export const escapeXml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const vi = (value: number) => value.toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The top line must fit the badge: long methodology names are shortened, with the full one in the title. */
const BADGE_LINE = 44;
const fitted = (text: string) => (text.length > BADGE_LINE ? `${text.slice(0, BADGE_LINE - 1).trimEnd()}…` : text);

export function badgeSvg(facts: BadgeFacts): string {
  const index = facts.index === null ? "—" : vi(facts.index);
  const rank = facts.rank === null ? "—" : `${facts.rank}/${facts.of}`;
  const title = `${facts.unitName}: ${facts.methodologyName} ${facts.periodLabel} — ${index}, hạng ${rank}${facts.band ? `, ${facts.band}` : ""}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="280" height="64" viewBox="0 0 280 64" role="img" aria-label="${escapeXml(title)}">
<title>${escapeXml(title)}</title>
<rect width="280" height="64" rx="6" fill="#0b3d6e"/>
<text x="12" y="20" fill="#ffffff" font-family="Arial, sans-serif" font-size="10">${escapeXml(fitted(`${facts.methodologyName} · ${facts.periodLabel}`))}</text>
<text x="12" y="48" fill="#ffffff" font-family="Arial, sans-serif" font-size="24" font-weight="bold">${escapeXml(index)}</text>
<text x="140" y="36" fill="#ffffff" font-family="Arial, sans-serif" font-size="12">${escapeXml(`Hạng ${rank}`)}</text>
<text x="140" y="52" fill="#ffe08a" font-family="Arial, sans-serif" font-size="12">${escapeXml(facts.band ?? "")}</text>
</svg>
`;
}

/** A self-contained card for an <iframe>: no script, inline style only (it is framed on other sites). */
export function badgeCard(facts: BadgeFacts): string {
  const index = facts.index === null ? "—" : vi(facts.index);
  const rank = facts.rank === null ? "—" : `${facts.rank}/${facts.of}`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeXml(facts.unitName)} — ParWatch</title>
<style>body{margin:0;font:14px/1.4 Arial,sans-serif;color:#111}a{color:inherit;text-decoration:none}.card{display:block;border:1px solid #0b3d6e;border-radius:6px;padding:10px 12px;max-width:300px}.big{font-size:26px;font-weight:bold;color:#0b3d6e}.small{font-size:12px;color:#444}</style></head>
<body><a class="card" href="${escapeXml(facts.profileUrl)}" target="_blank" rel="noopener">
<div class="small">${escapeXml(facts.methodologyName)} · ${escapeXml(facts.periodLabel)}</div>
<div><strong>${escapeXml(facts.unitName)}</strong></div>
<div><span class="big">${escapeXml(index)}</span> · Hạng ${escapeXml(rank)}${facts.band ? ` · ${escapeXml(facts.band)}` : ""}</div>
<div class="small">Nguồn: ParWatch, kết quả đã công bố</div></a></body></html>
`;
}
