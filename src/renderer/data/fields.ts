/** A string property bounded as RxDB requires for indexed fields and as the domain allows. */
export const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
