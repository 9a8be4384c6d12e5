/**
 * AWS Step Functions. State machines and executions are named by ARN (`stateMachineArn`,
 * `executionArn`); StartExecution may name a version or alias (`stateMachine:NAME:1`), kept as is.
 */
import { param, regionalArn } from './context.js';
import { one } from './permissions.js';
import type { EventHandler, EventTable, ServiceMapping } from './types.js';

function onStateMachine(action: string): EventHandler {
  return (ctx) => one(action, param(ctx, 'stateMachineArn') ?? regionalArn(ctx, 'states', 'stateMachine:*'));
}

function onExecution(action: string): EventHandler {
  return (ctx) => one(action, param(ctx, 'executionArn') ?? regionalArn(ctx, 'states', 'execution:*:*'));
}

export const statesEvents: EventTable = {
  StartExecution: onStateMachine('states:StartExecution'),
  StartSyncExecution: onStateMachine('states:StartSyncExecution'),
  DescribeStateMachine: onStateMachine('states:DescribeStateMachine'),
  DescribeExecution: onExecution('states:DescribeExecution'),
  StopExecution: onExecution('states:StopExecution'),
  GetExecutionHistory: onExecution('states:GetExecutionHistory'),
};

export const states: ServiceMapping = {
  eventSources: ['states.amazonaws.com'],
  events: statesEvents,
  reads: ['statemachinearn', 'executionarn'],
  resource: (ctx, type) => {
    if (type === 'statemachine') return param(ctx, 'stateMachineArn');
    if (type === 'execution' || type === 'express') return param(ctx, 'executionArn');
    return undefined;
  },
};
