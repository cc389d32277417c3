// How a unit's name (or path of names) is keyed when a file names a unit: case and outer spaces do not matter.
// Apart from the import's parser (csv-parse needs Node's Buffer), so the import page can use it in the browser.

export const namePathKey = (names: readonly string[]) =>
  names.map((n) => n.trim().toLocaleLowerCase("da")).join("/")

/** How a unit name is keyed, in the lookup and in the admin's choices for names that several units share. */
export const unitNameKey = (name: string) => namePathKey([name])
