/**
 * Known ways for a principal to raise its own privileges, after Rhino Security Labs' "AWS IAM
 * privilege escalation" methods and the IAM UG on iam:PassRole. Each path is a set of actions
 * that together suffice; `why` is shown to the user.
 */
export interface EscalationPath {
  actions: readonly string[];
  why: string;
}

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    actions: ['iam:CreatePolicyVersion'],
    why: 'can rewrite a managed policy attached to itself and make it the default',
  },
  {
    actions: ['iam:SetDefaultPolicyVersion'],
    why: 'can switch a managed policy to a more permissive existing version',
  },
  { actions: ['iam:AttachRolePolicy'], why: 'can attach AdministratorAccess to a role, its own included' },
  { actions: ['iam:AttachUserPolicy'], why: 'can attach AdministratorAccess to a user' },
  { actions: ['iam:AttachGroupPolicy'], why: 'can attach AdministratorAccess to a group' },
  {
    actions: ['iam:PutRolePolicy'],
    why: 'can write an inline policy granting anything to a role, its own included',
  },
  { actions: ['iam:PutUserPolicy'], why: 'can write an inline policy granting anything to a user' },
  { actions: ['iam:PutGroupPolicy'], why: 'can write an inline policy granting anything to a group' },
  { actions: ['iam:CreateAccessKey'], why: 'can create access keys for other users' },
  { actions: ['iam:CreateLoginProfile'], why: 'can set a console password for other users' },
  { actions: ['iam:UpdateLoginProfile'], why: "can change other users' console passwords" },
  { actions: ['iam:AddUserToGroup'], why: 'can add a user to a more privileged group' },
  { actions: ['iam:UpdateAssumeRolePolicy'], why: 'can make any role trust itself and assume it' },
  {
    actions: ['iam:DeleteRolePermissionsBoundary'],
    why: 'can remove the permissions boundary that limits a role',
  },
  {
    actions: ['iam:PutRolePermissionsBoundary'],
    why: 'can replace the permissions boundary that limits a role',
  },
  { actions: ['iam:PassRole', 'ec2:RunInstances'], why: 'can start an instance with a more privileged role' },
  {
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    why: 'can run code as a more privileged role',
  },
  {
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    why: 'can run code as a more privileged role',
  },
  {
    actions: ['lambda:UpdateFunctionCode'],
    why: "can replace a function's code and run it as the function's role",
  },
  {
    actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    why: 'can run a task with a more privileged task role',
  },
  {
    actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:UpdateService'],
    why: 'can deploy a task with a more privileged task role',
  },
  {
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    why: 'can create any resource through a more privileged stack role',
  },
  { actions: ['iam:PassRole', 'glue:CreateDevEndpoint'], why: 'can run code as a more privileged role' },
  {
    actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'],
    why: 'can run a build as a more privileged role',
  },
  {
    actions: ['iam:PassRole', 'sagemaker:CreateNotebookInstance'],
    why: 'can open a notebook running as a more privileged role',
  },
  { actions: ['sts:AssumeRole'], why: 'can assume every role that trusts this account' },
  // Last, so that a combination above, when also granted, is the one the message leads with.
  {
    actions: ['iam:PassRole'],
    why: 'can hand any role, however privileged, to a service that runs code with it',
  },
];
