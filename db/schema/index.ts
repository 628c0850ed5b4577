export * from "./users";
export * from "./queues";
export * from "./contacts";
export * from "./tickets";
export * from "./mail";
export * from "./locks";
export * from "./socket-io";
