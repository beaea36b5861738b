// Public cloud providers and their managed services, networking and cost.
import { termList, type LexiconDomain } from './types.ts'

export const cloud: LexiconDomain = {
  id: 'cloud',
  strong: termList(`
    aws, amazon web services, ec2, s3, s3 bucket, ecs, fargate, eks, ecr, rds, aurora, cloudfront,
    route53, route 53, iam role, iam policy, vpc, subnet, subnets, security group, nat gateway,
    internet gateway, transit gateway, elb, alb, nlb, cloudwatch, sns, sqs, aws lambda,
    lambda function, step functions, eventbridge, elastic beanstalk, elasticache, kinesis, gcp,
    google cloud, cloud run, cloud functions, app engine, gcs, gke, cloud sql, pub/sub, azure,
    azure devops, aks, app service, blob storage, azure functions, cosmos db, entra id,
    cloud infrastructure, cloud provider, cloud providers, cloud native, cloud-native, multi-cloud,
    serverless, aws bill, cloud cost, cloud costs, finops, reserved instances, spot instances,
    savings plans, availability zone, availability zones, heroku, cloudflare, digitalocean, linode,
    hetzner, fly.io, object storage, egress, data transfer costs, cross-az, aws cli, gcloud, az cli,
    iam,
  `),
  medium: termList(`
    cloud, bucket, buckets, lambda, region, regions, instance, instances, instance type,
    managed service, vercel, netlify, cdn, load balancer, autoscaling group, asg, cost, costs, bill,
    billing, dynamodb, kms, secrets manager, parameter store, account, accounts,
  `),
  weak: termList(`
    hosting, hosted, managed, provider, quota, quotas, limits, storage, network, dns,
  `),
}
