/** A document's entries as the relay last saw them; a newer sighting replaces it. */
export interface Sighting {
  readonly entries: number;
  readonly oldestCreatedAt: number | null;
}

/**
 * What the outbox relay knows to be waiting, in memory, for outbox_pending and
 * outbox_oldest_age_seconds: no store query per scrape or per message. The relay tells it of every
 * document it is nudged about or reads with entries, and of each whose entries it sent and removed.
 * A removal clears only the sighting it sent, so entries written meanwhile (a newer nudge) stay
 * counted; a poison document stays counted, its age growing, until it goes out. Entries written by
 * another process, or before start until the relay's first look, are not known here.
 */
export interface OutboxBacklog {
  /** The document's entries now; replaces what was known of it (none forgets it). */
  seen(document: string, entries: readonly unknown[]): Sighting | undefined;
  /** The entries of `sighting` were sent and removed: forgets the document unless seen again since. */
  cleared(document: string, sighting: Sighting | undefined): void;
  /** Another process writes the document (ownership), or the relay stopped: not this relay's backlog. */
  forget(document: string): void;
  reading(): { readonly entries: number; readonly oldestCreatedAt: Date | null };
}

export function createOutboxBacklog(): OutboxBacklog {
  const documents = new Map<string, Sighting>();
  return {
    seen(document, entries) {
      if (entries.length === 0) {
        documents.delete(document);
        return undefined;
      }
      let oldest: number | null = null;
      for (const entry of entries) {
        const createdAt = (entry as { createdAt?: unknown } | null)?.createdAt;
        if (createdAt instanceof Date && (oldest === null || createdAt.getTime() < oldest))
          oldest = createdAt.getTime();
      }
      const sighting = { entries: entries.length, oldestCreatedAt: oldest };
      documents.set(document, sighting);
      return sighting;
    },
    cleared(document, sighting) {
      if (sighting !== undefined && documents.get(document) === sighting) documents.delete(document);
    },
    forget(document) {
      documents.delete(document);
    },
    reading() {
      let entries = 0;
      let oldest: number | null = null;
      for (const sighting of documents.values()) {
        entries += sighting.entries;
        if (sighting.oldestCreatedAt !== null && (oldest === null || sighting.oldestCreatedAt < oldest))
          oldest = sighting.oldestCreatedAt;
      }
      return { entries, oldestCreatedAt: oldest === null ? null : new Date(oldest) };
    },
  };
}
