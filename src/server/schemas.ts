import { Type } from 'typebox';

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
