import { defineFeature } from '../../app/feature';
import { CheckInScreen } from './CheckInScreen';

/** Check-in: today's arrivals, checked in from the schedule's appointments. */
export const checkinFeature = defineFeature({
  id: 'checkin',
  collections: {},
  repositories: () => ({}),
  screens: [{ id: 'checkin', label: 'Check-in', key: '3', component: CheckInScreen }],
});
