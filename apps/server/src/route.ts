// Declares a route once: its zod schemas parse the input in the handler and, turned into JSON
// Schema, describe the route in OpenAPI, so the checks and the docs cannot drift apart.
import { describeIssues, ErrorBodySchema, ShelfsyncError } from '@shelfsync/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  /** Which bearer credential the route needs (enforced by the hooks of its plugin; shown in docs). */
  security?: 'apiKey' | 'deviceToken';
  body?: B;
  query?: Q;
  params?: P;
  /** Documented answers by status; null documents an empty answer. */
  responses: Record<number, z.ZodType | null>;
  /** A body the handler reads itself (streamed): documented here, not parsed. */
  rawBody?: { schema: z.ZodType; consumes: string[] };
  handler(input: RouteInput<z.output<B>, z.output<Q>, z.output<P>>): Promise<unknown>;
}

type Part = 'body' | 'query' | 'params';

/**
 * A body that fails every branch of a union (one document or an array of them) would report only
 * "Invalid input"; report instead the branch that got furthest, so the integrator sees the field.
 */
function closestBranch(error: z.ZodError): z.ZodError {
  const [only] = error.issues;
  if (error.issues.length !== 1 || only?.code !== 'invalid_union' || only.errors.length === 0) return error;
  const depth = (issues: z.core.$ZodIssue[]): number => Math.max(0, ...issues.map((i) => i.path.length));
  const best = only.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  if (depth(best) === 0) return error;
  return new z.ZodError(best.map((i) => ({ ...i, path: [...only.path, ...i.path] })));
}

/** Parses one part of a request; a failure is REQ_VALIDATION naming the part and each field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: Part): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = describeIssues(closestBranch(result.error));
    throw new ShelfsyncError('REQ_VALIDATION', undefined, { in: part, issues });
  }
  return result.data;
}

export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

const ERROR_DOC = { ...jsonSchemaOf(ErrorBodySchema, 'output'), description: 'Error: see docs/errors.md' };

function docsOf(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>): FastifySchema {
  const response: Record<string, unknown> = { default: ERROR_DOC };
  for (const [status, schema] of Object.entries(spec.responses)) {
    response[status] = schema ? jsonSchemaOf(schema, 'output') : { type: 'null', description: 'No content' };
  }
  const body = spec.rawBody?.schema ?? spec.body;
  return {
    summary: spec.summary,
    tags: spec.tags,
    ...(spec.security ? { security: [{ [spec.security]: [] }] } : {}),
    ...(spec.rawBody ? { consumes: spec.rawBody.consumes } : {}),
    ...(body ? { body: jsonSchemaOf(body, 'input') } : {}),
    ...(spec.query ? { querystring: jsonSchemaOf(spec.query, 'input') } : {}),
    ...(spec.params ? { params: jsonSchemaOf(spec.params, 'input') } : {}),
    response,
  } as FastifySchema;
}

export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
>(app: FastifyInstance, spec: RouteSpec<B, Q, P>): void {
  const optional = <S extends z.ZodType>(schema: S | undefined, value: unknown, part: Part): z.output<S> =>
    schema ? parseInput(schema, value, part) : (undefined as z.output<S>);
  app.route({
    method: spec.method,
    url: spec.url,
    schema: docsOf(spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>),
    handler: async (request, reply) => {
      const params = optional(spec.params, request.params, 'params');
      const query = optional(spec.query, request.query, 'query');
      const body = spec.rawBody ? (undefined as z.output<B>) : optional(spec.body, request.body, 'body');
      return spec.handler({ body, query, params, request, reply });
    },
  });
}

/**
 * Fastify would compile the documentation schemas with its own validator and serializer; zod is the
 * only validator here and answers are plain JSON, so both compilers are replaced by pass-throughs.
 */
export function useZodOnly(app: FastifyInstance): void {
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
