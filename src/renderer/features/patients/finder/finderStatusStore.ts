import { create } from 'zustand';

/** Whether the patient finder holds every patient yet; screens say so while it loads. */
export const useFinderStatus = create<{ ready: boolean; failed: string | null }>()(() => ({ ready: false, failed: null }));
