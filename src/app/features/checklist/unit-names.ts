import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { OrgUnit } from '../../../shared/schemas/org';
import type { LocalRecord, MinhChungDb, RecordKey } from '../../db/database';

/**
 * The English word for a unit's kind, read from the prefix of its Vietnamese full name: the kind
 * (ward or commune, city or district) is not a level — a level-2 unit can be a "Thành phố" or a
 * "Huyện" — and the shipped data carries it only there. Longest prefixes first.
 */
const KINDS: readonly (readonly [string, string])[] = [
  ['Thành phố', 'City'],
  ['Thị trấn', 'Township'],
  ['Thị xã', 'Town'],
  ['Huyện', 'District'],
  ['Quận', 'District'],
  ['Phường', 'Ward'],
  ['Xã', 'Commune'],
  ['Tỉnh', 'Province'],
];

export interface UnitLabel {
  name: string;
  nameEn?: string | undefined;
  fullName?: string | undefined;
}

/** "Phường Đô Vinh" in Vietnamese; "Do Vinh Ward" in English when the data has an English name. */
export function unitDisplayName(unit: UnitLabel, language: string): string {
  const vietnamese = unit.fullName ?? unit.name;
  if (language !== 'en' || !unit.nameEn) return vietnamese;
  const kind = KINDS.find(([prefix]) => vietnamese.startsWith(`${prefix} `))?.[1];
  return kind ? `${unit.nameEn} ${kind}` : unit.nameEn;
}

/** The name after "UBND" in a sentence: "Huyện Bác Ái" → "huyện Bác Ái". */
export function inSentence(name: string): string {
  return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
}

const key = (id: string): RecordKey => ['org_unit', id];

async function loadUnit(db: MinhChungDb, id: string): Promise<OrgUnit | null> {
  const record: LocalRecord | undefined = await db.records.get(key(id));
  const parsed = OrgUnit.safeParse(record?.fields);
  return parsed.success ? parsed.data : null;
}

export interface UnitNames {
  /** The officer's own unit, in the current language. */
  unit: string;
  /** Who reviews its submission: the parent unit ("UBND huyện Bác Ái", "Bac Ai District"). */
  reviewer: string | null;
}

/**
 * The unit and its reviewing unit, from the hierarchy synced to the phone: the reviewer is the
 * parent, whatever its level, so a 2-level province says "tỉnh" where a 3-level one says "huyện".
 */
export function useUnitNames(db: MinhChungDb, orgUnitId: string, fallback: string): UnitNames {
  const { t, i18n } = useTranslation();
  const units = useLiveQuery(async () => {
    const unit = await loadUnit(db, orgUnitId);
    const parent = unit?.parentId ? await loadUnit(db, unit.parentId) : null;
    return { unit, parent };
  }, [db, orgUnitId]);
  const language = i18n.language;
  const parent = units?.parent;
  return {
    unit: units?.unit ? unitDisplayName(units.unit, language) : fallback,
    reviewer: parent
      ? t('checklist.reviewingUnit', {
          name:
            language === 'en'
              ? unitDisplayName(parent, language)
              : inSentence(unitDisplayName(parent, language)),
        })
      : null,
  };
}
