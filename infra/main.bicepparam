// Parameters of main.bicep for the factory's production deployment. The two bot values come from
// environment variables so the secret never lands in a file:
//   export MINGXIN_BOT_APP_ID=<app (client) id>  MINGXIN_BOT_APP_PASSWORD=<client secret>
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
using 'main.bicep'

param name = 'mingxinbot'
param botAppId = readEnvironmentVariable('MINGXIN_BOT_APP_ID')
param botAppPassword = readEnvironmentVariable('MINGXIN_BOT_APP_PASSWORD')
param appServiceSku = 'B1'
param instanceCount = 1
param defaultLanguage = 'zh-CN'

// Fill in to take people from Entra groups (and grant the app registration GroupMember.Read.All);
// leave empty to list people in the app's configuration instead.
param positionGroups = {}
