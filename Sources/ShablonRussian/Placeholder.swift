// The Russian formatting layer: numbers, sums in words, plural forms, dates, initials.
