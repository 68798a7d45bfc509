import { type TProperties, type TSchema, Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'stable problem type, urn:lodestone:problem:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);

/** The error replies every API route may give, referenced so the OpenAPI document names them once. */
export const problemResponses = {
  '4xx': Type.Ref('Problem'),
  '5xx': Type.Ref('Problem'),
};

export const Uuid = Type.String({ format: 'uuid' });
export const Limit = (max = 200, def = 50) => Type.Integer({ minimum: 1, maximum: max, default: def });

/** One page of a keyset-paged list: the items, the cursor of the next page (null on the last) and what else it says. */
export const keysetPage = <Item extends TSchema, Cursor extends TSchema, More extends TProperties>(
  item: Item,
  cursor: Cursor,
  more: More,
) => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([cursor, Type.Null()]), ...more });

/** A page of a record's audit history, newest first; the cursor is the last entry's id. */
export const AuditHistoryPage = keysetPage(Type.Unknown(), Uuid, {});
