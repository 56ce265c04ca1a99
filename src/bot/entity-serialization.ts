/**
 * botframework-connector 4.23 serialises outgoing `activity.entities` through an `Entity` mapper that
 * only knows `type`, `text` and `mentioned`: every other property is dropped, so a citation entity
 * would reach Teams as a bare `{ type: "https://schema.org/Message" }` (the same loss reported for the
 * Python SDK in microsoft/teams-sdk#2307). Declaring additional properties on that mapper makes the
 * serialiser copy `@type`, `@context`, `citation`, … unchanged. Idempotent; applied when the adapter is built.
 */
// Deep import on purpose: the mapper is not re-exported, and the connector client serialises with this very object.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mappers = require('botframework-connector/lib/connectorApi/models/mappers') as {
  Entity: { type: { additionalProperties?: { type: { name: string } } } };
};

export function keepEntityProperties(): void {
  mappers.Entity.type.additionalProperties ??= { type: { name: 'Object' } };
}
