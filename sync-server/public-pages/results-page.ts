import { localize, type Language } from '../../src/shared/i18n-text';
import type { Nomination } from '../../src/shared/commendation/schemas';
import type { UnitFigures } from '../../src/shared/reports/figures';
import type { PublicResults } from '../services/publication';

/** HTML-escapes text for element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export const TEXT = {
  vi: {
    heading: 'Kết quả đánh giá công khai',
    published: 'Công bố ngày',
    accepted: 'Số xã đã được tỉnh công nhận',
    rank: 'Hạng',
    unit: 'Đơn vị',
    total: 'Tổng điểm',
    evidence: 'Số minh chứng',
    communes: 'Xếp hạng xã',
    districts: 'Xếp hạng cấp trên xã',
    nominations: 'Đề nghị khen thưởng lấy ý kiến nhân dân',
    until: 'Nhận ý kiến đến hết ngày',
    comments: 'Ý kiến đã duyệt',
    comment: 'Gửi ý kiến',
    yourName: 'Họ tên (không bắt buộc)',
    yourComment: 'Ý kiến của bạn (tối đa 2.000 ký tự)',
    send: 'Gửi ý kiến',
    moderated: 'Ý kiến được tỉnh xem trước khi hiển thị.',
    openData: 'Dữ liệu mở',
    licence: 'Giấy phép: CC BY 4.0 — được dùng lại, ghi rõ nguồn.',
    other: 'English',
    none: 'Chưa có',
    map: 'Bản đồ điểm trung bình các huyện',
    index: 'Các đợt đánh giá đã công bố',
    description:
      'Kết quả đánh giá chuyển đổi số cấp xã đã được tỉnh công bố: điểm theo trụ cột, xếp hạng, đề nghị khen thưởng lấy ý kiến nhân dân và dữ liệu mở.',
  },
  en: {
    heading: 'Public assessment results',
    published: 'Published on',
    accepted: 'Communes accepted by the province',
    rank: 'Rank',
    unit: 'Unit',
    total: 'Total',
    evidence: 'Evidence items',
    communes: 'Communes ranked',
    districts: 'Units above the communes ranked',
    nominations: 'Nominations open for public comment',
    until: 'Comments taken until',
    comments: 'Moderated comments',
    comment: 'Send a comment',
    yourName: 'Your name (optional)',
    yourComment: 'Your comment (up to 2,000 characters)',
    send: 'Send',
    moderated: 'Comments are read by the province before they appear.',
    openData: 'Open data',
    licence: 'Licence: CC BY 4.0 — reuse with attribution.',
    other: 'Tiếng Việt',
    none: 'None yet',
    map: 'Map of the districts’ average scores',
    index: 'Published assessment campaigns',
    description:
      'Commune digital-transformation results published by the province: scores by pillar, rankings, nominations open for public comment, and open data.',
  },
} as const;

const number = (value: number | null, language: Language) =>
  value === null ? '–' : value.toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN');

function rankingTable(
  units: readonly UnitFigures[],
  pillars: readonly string[],
  language: Language,
) {
  const t = TEXT[language];
  const ranked = [...units].sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unitId.localeCompare(b.unitId),
  );
  const rows = ranked
    .filter((unit) => unit.rank !== null)
    .map((unit) => {
      const total = unit.level === 'commune' ? unit.score : unit.averageScore;
      const cells = unit.pillarAverages
        .map((p) => `<td>${number(p.average, language)}</td>`)
        .join('');
      return `<tr><td>${unit.rank ?? ''}</td><th scope="row">${escapeHtml(unit.name)}</th><td>${number(total, language)}</td>${cells}<td>${number(unit.evidenceCount, language)}</td></tr>`;
    });
  if (rows.length === 0) return `<p>${t.none}</p>`;
  const head = pillars.map((title) => `<th scope="col">${escapeHtml(title)}</th>`).join('');
  return `<div class="scroll"><table><thead><tr><th scope="col">${t.rank}</th><th scope="col">${t.unit}</th><th scope="col">${t.total}</th>${head}<th scope="col">${t.evidence}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

export interface PublicNominationView {
  nomination: Nomination;
  unitName: string;
  open: boolean;
  comments: readonly { body: string; authorName?: string | undefined }[];
}

function nominationBlock(item: PublicNominationView, language: Language) {
  const t = TEXT[language];
  const { nomination } = item;
  const who = nomination.personName
    ? `${escapeHtml(nomination.personName)} — ${escapeHtml(item.unitName)}`
    : escapeHtml(item.unitName);
  const comments = item.comments.length
    ? `<h4>${t.comments}</h4><ul>${item.comments.map((c) => `<li>${escapeHtml(c.body)}${c.authorName ? ` <small>— ${escapeHtml(c.authorName)}</small>` : ''}</li>`).join('')}</ul>`
    : '';
  // The honeypot: hidden from people (and from screen readers), filled by bots.
  const form = item.open
    ? `<form method="post" action="/public/comments"><input type="hidden" name="nominationId" value="${escapeHtml(nomination.id)}"><input type="hidden" name="lang" value="${language}"><p class="hp" aria-hidden="true"><label>Website <input name="website" tabindex="-1" autocomplete="off"></label></p><p><label>${t.yourName}<br><input name="authorName" maxlength="100"></label></p><p><label>${t.yourComment}<br><textarea name="body" maxlength="2000" required rows="4"></textarea></label></p><p><button type="submit">${t.send}</button> <small>${t.moderated}</small></p></form>`
    : '';
  return `<article id="n-${escapeHtml(nomination.id)}"><h3>${escapeHtml(localize(nomination.title, language))}</h3><p>${who}</p>${nomination.achievement ? `<p>${escapeHtml(nomination.achievement)}</p>` : ''}${nomination.commentUntil ? `<p>${t.until} ${escapeHtml(nomination.commentUntil)}</p>` : ''}${comments}${form}</article>`;
}

export const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1f2937}table{border-collapse:collapse;width:100%}th,td{padding:.25rem .5rem;border-bottom:1px solid #e5e7eb;text-align:left}td{font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}.hp{position:absolute;left:-10000px}textarea,input{width:100%;max-width:30rem;font:inherit}article{border-top:2px solid #b91c1c;margin-top:1rem}h1{color:#b91c1c}';

/** The whole page: readable without JavaScript, small (no images, inline CSS), one language. */
export function renderResultsPage(
  results: PublicResults,
  nominations: readonly PublicNominationView[],
  language: Language,
  mapSvg = '',
): string {
  const t = TEXT[language];
  const { figures, campaign, template, publication } = results;
  const root = figures.units[0];
  const pillars = template.pillars.map((pillar) => localize(pillar.title, language));
  const communes = figures.units.filter((unit) => unit.level === 'commune');
  const middle = figures.units.filter(
    (unit) => unit.level !== 'commune' && unit.unitId !== figures.rootId,
  );
  const base = `/public/${encodeURIComponent(campaign.id)}`;
  const other = language === 'vi' ? 'en' : 'vi';
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="description" content="${t.description}"><title>${escapeHtml(localize(campaign.title, language))} — ${t.heading}</title><style>${STYLE}</style></head><body><p><a href="${base}?lang=${other}" hreflang="${other}">${t.other}</a></p><h1>${t.heading}</h1><p><strong>${escapeHtml(localize(campaign.title, language))}</strong> — ${escapeHtml(root?.name ?? '')}</p><p>${t.published} ${escapeHtml(publication.publishedAt.slice(0, 10))} · ${t.accepted}: ${root?.scored ?? 0}/${root?.expected ?? 0}</p>${mapSvg}${middle.length ? `<h2>${t.districts}</h2>${rankingTable(middle, pillars, language)}` : ''}<h2>${t.communes}</h2>${rankingTable(communes, pillars, language)}<h2>${t.nominations}</h2>${nominations.length ? nominations.map((item) => nominationBlock(item, language)).join('') : `<p>${t.none}</p>`}<h2>${t.openData}</h2><ul><li><a href="/open-data/${encodeURIComponent(campaign.id)}/results.csv">results.csv</a></li><li><a href="/open-data/${encodeURIComponent(campaign.id)}/results.json">results.json</a></li><li><a href="/open-data/catalog.json">catalog.json (DCAT)</a></li></ul><p><small>${t.licence}</small></p></body></html>`;
}
