import type { Messages } from './vi';

export const en: Messages = {
  app: {
    name: 'Minh Chứng',
    tagline: 'Commune digital-transformation assessment',
    movement: 'Emulation movement "Digital Transformation 2021–2025"',
  },
  language: {
    label: 'Language',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  network: {
    online: 'Online',
    offline: 'Offline — your data is still saved on this device',
  },
  deployment: {
    loading: 'Loading…',
    loadFailed: 'Unit information is not loaded yet. Connect once to download it to this device.',
    retry: 'Try again',
    province: 'Province',
    hierarchy: 'Administrative levels',
    unitCount_province: '{{count}} province',
    unitCount_district: '{{count}} districts',
    unitCount_commune: '{{count}} communes, wards and towns',
    unitCount_village: '{{count}} villages',
    template: 'Checklist in use',
    templateVersion: 'Version {{version}}',
    maxScore: 'Maximum score: {{points}}',
    pillars: 'Pillars',
    pillarLine: '{{count}} indicators · {{points}} points',
    source: 'Data source',
  },
  update: {
    available: 'A new version of the app is available.',
    install: 'Update',
    later: 'Later',
    offlineReady: 'The app is ready to work offline.',
    dismiss: 'Close',
  },
};
