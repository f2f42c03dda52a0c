import { CodegenError } from '../codegen-error.ts';
import { isJsonObject } from '../parse/named-types.ts';

/** Who sends a topic's messages and who receives them. */
export interface TopicRoute {
  readonly sender: string;
  readonly receivers: readonly string[];
}

/** The services of the saga and the route of every topic, from `schemas/topics.json`. */
export interface TopicRoutes {
  /** Service name -> what it does. */
  readonly services: ReadonlyMap<string, string>;
  readonly topics: ReadonlyMap<string, TopicRoute>;
}

/** The routes file, relative to the schemas directory. */
export const topicRoutesFile = 'topics.json';

/**
 * Parses and checks the routes file against the topics that have schemas: every topic needs a
 * route and every route a schema, and only listed services may send or receive.
 * @throws CodegenError `TOPICS_MANIFEST_INVALID` listing every problem.
 */
export function parseTopicRoutes(text: string, topics: readonly string[]): TopicRoutes {
  const problems: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push(`not valid JSON: ${(error as Error).message}`);
  }
  const services = new Map<string, string>();
  const routes = new Map<string, TopicRoute>();
  if (isJsonObject(json)) {
    for (const [name, description] of Object.entries(isJsonObject(json.services) ? json.services : {})) {
      if (typeof description === 'string' && description !== '') services.set(name, description);
      else problems.push(`service "${name}" needs a description`);
    }
    if (services.size === 0) problems.push('"services" must name at least one service');
    for (const [topic, route] of Object.entries(isJsonObject(json.topics) ? json.topics : {})) {
      const sender = isJsonObject(route) ? route.sender : undefined;
      const receivers = isJsonObject(route) ? route.receivers : undefined;
      if (typeof sender !== 'string' || !services.has(sender)) {
        problems.push(`topic "${topic}": "sender" must be one of the services`);
      } else if (
        !Array.isArray(receivers) ||
        receivers.length === 0 ||
        !receivers.every((r) => typeof r === 'string' && services.has(r))
      ) {
        problems.push(`topic "${topic}": "receivers" must list one or more of the services`);
      } else {
        routes.set(topic, { sender, receivers: receivers as string[] });
      }
    }
  } else if (problems.length === 0) {
    problems.push('must be an object with "services" and "topics"');
  }
  const listed = isJsonObject(json) && isJsonObject(json.topics) ? Object.keys(json.topics) : [];
  for (const topic of topics) {
    if (!listed.includes(topic)) problems.push(`topic "${topic}" has a schema but no route`);
  }
  for (const topic of listed) {
    if (!topics.includes(topic)) problems.push(`topic "${topic}" has a route but no schema`);
  }
  if (problems.length > 0) {
    throw new CodegenError('TOPICS_MANIFEST_INVALID', `schemas/${topicRoutesFile}: ${problems.join('; ')}`);
  }
  return { services, topics: routes };
}
