export const APP_TITLE = '企业融资公共服务平台'
export const ORG_NAME = '焦作市城乡一体化示范区'
