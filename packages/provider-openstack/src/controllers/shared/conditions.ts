/**
 * The condition types and reasons CAPO writes (Cluster API v1beta1 conditions), kept as strings users and tools
 * already match on.
 */
export const ConditionType = {
  ready: 'Ready',
  networkReady: 'NetworkReady',
  routerReady: 'RouterReady',
  securityGroupsReady: 'SecurityGroupsReady',
  apiEndpointReady: 'APIEndpointReady',
  instanceReady: 'InstanceReady',
  apiServerIngressReady: 'APIServerIngressReadyCondition',
  floatingAddressFromPoolReady: 'FloatingAddressFromPoolReady',
  floatingIPPoolReady: 'OpenstackFloatingIPPoolReadyCondition',
} as const;

/** Reasons of False or Unknown conditions. */
export const ConditionReason = {
  openStackError: 'OpenStackError',
  networkCreateFailed: 'NetworkCreateFailed',
  subnetCreateFailed: 'SubnetCreateFailed',
  routerCreateFailed: 'RouterCreateFailed',
  securityGroupCreateFailed: 'SecurityGroupCreateFailed',
  apiEndpointConfigFailed: 'APIEndpointConfigFailed',
  waitingForClusterInfrastructure: 'WaitingForClusterInfrastructure',
  waitingForBootstrapData: 'WaitingForBootstrapData',
  instanceCreateFailed: 'InstanceCreateFailed',
  instanceNotFound: 'InstanceNotFound',
  instanceDeleted: 'InstanceDeleted',
  instanceStateError: 'InstanceStateError',
  instanceNotReady: 'InstanceNotReady',
  instanceDeleteFailed: 'InstanceDeleteFailed',
  invalidMachineSpec: 'InvalidMachineSpec',
  dependencyFailed: 'DependencyFailed',
  loadBalancerMemberError: 'LoadBalancerMemberError',
  floatingIPError: 'FloatingIPError',
  waitingForIPAMProvider: 'WaitingForIPAMProvider',
  maxIPsReached: 'MaxIPsReached',
  unableToFindNetwork: 'UnableToFindNetwork',
} as const;

/** The deprecated `status.failureReason` CAPO sets on terminal failures. */
export const FAILURE_REASON_UPDATE_ERROR = 'UpdateError';
