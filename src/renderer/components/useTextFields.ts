import { useState } from 'react';

/**
 * Text inputs kept in one state object, with an error per field, for forms whose checks span
 * several schemas. `field(name)` gives an input its value, change handler and error.
 */
export function useTextFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof T | string, string>>>({});
  const field = (name: keyof T) => ({
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: e.currentTarget.value }),
    error: errors[name],
  });
  return { values, errors, setErrors, field };
}
