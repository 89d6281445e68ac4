import type { Caller } from '@c360/auth';

export interface GatewayContext {
  caller: Caller;
}
