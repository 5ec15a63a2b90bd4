// District names as the map writes them: without the kind of unit, on two lines when long, so
// that "Thành phố Phan Rang-Tháp Chàm" fits the smallest district on a 360 px phone.

/** District-level kinds of unit, longest first so "Thành phố" is not read as "Thành". */
const KINDS = ['Thành phố ', 'Thị xã ', 'Huyện ', 'Quận '];

export function shortDistrictName(name: string): string {
  const kind = KINDS.find((prefix) => name.startsWith(prefix));
  return kind && name.length > kind.length ? name.slice(kind.length) : name;
}

/** Names up to this many characters stay on one line. */
const ONE_LINE = 12;

/** One line, or two split after the space or hyphen nearest the middle. */
export function labelLines(label: string): string[] {
  if (label.length <= ONE_LINE) return [label];
  let best = -1;
  for (let i = 1; i < label.length - 1; i++) {
    const char = label[i];
    if (char !== ' ' && char !== '-') continue;
    if (best < 0 || Math.abs(i - label.length / 2) < Math.abs(best - label.length / 2)) best = i;
  }
  if (best < 0) return [label];
  // A hyphen stays at the end of the first line; a space is dropped.
  const cut = label[best] === '-' ? best + 1 : best;
  return [label.slice(0, cut), label.slice(best + 1)];
}
