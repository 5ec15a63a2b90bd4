import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MapData } from '../../../shared/map/schema';
import type { DashboardFigures, UnitFigures } from '../../../shared/reports/figures';
import { useServices } from '../../services';
import { DistrictMap } from './DistrictMap';
import { readCachedMap, refreshMap } from './map-cache';

type Metric = 'score' | 'completeness';

/**
 * The districts coloured by the figures, when the deployment ships a map and the dashboard is
 * about the unit the map draws (the province). A deployment without polygons has no map.
 */
export function ProvinceMap({ figures, root }: { figures: DashboardFigures; root: UnitFigures }) {
  const { t } = useTranslation();
  const { baseUrl, db } = useServices();
  const navigate = useNavigate();
  const [map, setMap] = useState<MapData | null>(null);
  const [metric, setMetric] = useState<Metric>('score');

  useEffect(() => {
    const controller = new AbortController();
    // The copy on the phone at once, then the server's. No map (or no connection and nothing
    // kept) simply shows no map.
    void readCachedMap(db).then((cached) => {
      if (!controller.signal.aborted && cached) setMap((current) => current ?? cached);
    });
    refreshMap(db, baseUrl, controller.signal).then(
      (fresh) => !controller.signal.aborted && setMap(fresh),
      () => undefined,
    );
    return () => controller.abort();
  }, [baseUrl, db]);

  if (!map || map.province.code !== root.unitId) return null;
  const byId = new Map(figures.units.map((unit) => [unit.unitId, unit]));
  const values: Record<string, number | null> = {};
  for (const district of map.districts) {
    const unit = byId.get(district.code);
    values[district.code] =
      unit === undefined
        ? null
        : metric === 'score'
          ? unit.averageScore
          : unit.expected === 0
            ? null
            : (100 * unit.submitted) / unit.expected;
  }
  return (
    <section className="card" aria-labelledby="map-title">
      <h3 id="map-title">{t('dashboard.mapTitle')}</h3>
      <label className="field">
        <span>{t('dashboard.mapMetric')}</span>
        <select
          value={metric}
          onChange={(event) =>
            setMetric(event.target.value === 'completeness' ? 'completeness' : 'score')
          }
        >
          <option value="score">{t('map.metric_score')}</option>
          <option value="completeness">{t('map.metric_completeness')}</option>
        </select>
      </label>
      <DistrictMap
        map={map}
        values={values}
        metric={metric}
        maxScore={figures.maxScore}
        onSelect={(code) => void navigate(`/dashboard/${code}`)}
      />
    </section>
  );
}
