// MingXin customer-service bot: everything it runs on in Azure, in one resource group.
//
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam \
//     -p botAppId=<app id> botAppPassword=<client secret>
//
// What it creates (names derive from `name` plus a short hash of the resource group, so they are
// unique and a redeploy updates in place):
//   - Log Analytics workspace + Application Insights (the app sends requests, dependencies, logs);
//   - Storage account for the bot's tables: shared-key access OFF, the web app's managed identity
//     holds "Storage Table Data Contributor", so no storage key exists anywhere;
//   - Key Vault (RBAC) holding the bot's client secret; the web app reads it through a Key Vault
//     reference with its managed identity ("Key Vault Secrets User");
//   - Linux App Service plan + web app (.NET 10), HTTPS only, health check on /healthz;
//   - Azure Bot (single-tenant app registration) with the Microsoft Teams channel.

targetScope = 'resourceGroup'

@description('Short name the resource names derive from (lowercase letters and digits).')
@minLength(3)
@maxLength(11)
param name string = 'mingxinbot'

@description('Azure region of everything but the Azure Bot (which is global).')
param location string = resourceGroup().location

@description('Application (client) ID of the bot\'s single-tenant Entra app registration.')
@minLength(36)
@maxLength(36)
param botAppId string

@description('Client secret of that app registration. Stored only in Key Vault.')
@secure()
param botAppPassword string

@description('Entra tenant ID of the factory (the app registration\'s tenant).')
@minLength(36)
@maxLength(36)
param tenantId string = subscription().tenantId

@description('App Service plan SKU. B1 is enough for one factory; P0v3 or above for several instances.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'B1'

@description('Number of web app instances. Every instance runs the outbox and the deadline scheduler; storage ETags make that safe.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot SKU: F0 (free, standard channels such as Teams are free either way) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Language of channel posts and of messages without a locale.')
@allowed([
  'zh-CN'
  'en'
])
param defaultLanguage string = 'zh-CN'

@description('Prefix of every table name, so several environments can share one storage account.')
@minLength(1)
@maxLength(20)
param tablePrefix string = 'mx'

@description('Entra group ID per position (Salesperson, SalesManager, FollowUpClerk, GeneralManager, ProductionPlanner, ProductionManager, QcInspector, QcManager, MaterialsController, WarehouseKeeper, Administrator). Empty: people come from app configuration instead of Entra groups.')
param positionGroups object = {}

@description('Days Application Insights keeps its data.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

var suffix = take(uniqueString(resourceGroup().id, name), 6)
var storageName = toLower('${name}${suffix}')
var vaultName = '${name}-kv-${suffix}'
var webAppName = '${name}-${suffix}'
var botSecretName = 'MicrosoftAppPassword'
var botSecretReference = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${botSecretName})'
var usesGraph = !empty(positionGroups)

// Built-in role definitions (fixed IDs, the same in every tenant).
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    RetentionInDays: logRetentionDays
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: botSecretName
  properties: {
    value: botAppPassword
    contentType: 'Client secret of the bot app registration ${botAppId}'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var baseSettings = [
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'MicrosoftAppType', value: 'SingleTenant' }
  { name: 'MicrosoftAppId', value: botAppId }
  { name: 'MicrosoftAppTenantId', value: tenantId }
  { name: 'MicrosoftAppPassword', value: botSecretReference }
  { name: 'Storage__TableEndpoint', value: storage.properties.primaryEndpoints.table }
  { name: 'Storage__TablePrefix', value: tablePrefix }
  { name: 'Bot__DefaultLanguage', value: defaultLanguage }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  // Export links point here (the app's own default host name; change it when a custom domain fronts the app).
  { name: 'Records__PublicBaseUrl', value: 'https://${webAppName}.azurewebsites.net' }
]

// Graph directory: the bot's own app registration reads the groups (GroupMember.Read.All).
var graphSettings = usesGraph
  ? concat(
      [
        { name: 'Directory__Source', value: 'Graph' }
        { name: 'Directory__Graph__ClientSecret', value: botSecretReference }
      ],
      map(items(positionGroups), g => { name: 'Directory__Graph__Groups__${g.key}', value: string(g.value) })
    )
  : []

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// The settings, applied only once the app may read its secret and its tables: a Key Vault reference the
// app resolves before its role assignment exists stays the literal reference (MicrosoftAppPassword would be
// "@Microsoft.KeyVault(…)") until the next restart. Applying them restarts the app with what it needs.
resource webSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: web
  name: 'appsettings'
  properties: toObject(concat(baseSettings, graphSettings), s => s.name, s => s.value)
  dependsOn: [
    secretRole
    tableRole
  ]
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, web.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, web.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'MingXin 明新客服助手'
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    developerAppInsightsApplicationId: insights.properties.AppId
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('Bot ID for the Teams app package (infra/teams): the app registration\'s client ID.')
output botAppId string = botAppId

@description('Host name of the web app: the Teams package\'s valid domain.')
output webAppHostName string = web.properties.defaultHostName

@description('Name of the web app, for `az webapp deploy`.')
output webAppName string = web.name

@description('Messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('Table endpoint the bot uses (managed identity, no key).')
output tableEndpoint string = storage.properties.primaryEndpoints.table

@description('Key Vault that holds the bot secret; rotate the secret there.')
output keyVaultName string = vault.name
