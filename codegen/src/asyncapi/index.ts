export { asyncApiDocument, type AsyncApiInput } from './asyncapi-document.ts';
export { messageHeadersSchema, messageKeySchema } from './message-headers.ts';
export { parseTopicRoutes, topicRoutesFile, type TopicRoute, type TopicRoutes } from './topic-routes.ts';
