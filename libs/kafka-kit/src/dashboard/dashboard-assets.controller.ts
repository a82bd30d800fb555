import { Get, NotFoundException, Param, Res } from '@nestjs/common';
import { loadDashboardAssets, type DashboardAsset } from './assets/dashboard-assets.js';
import { setHeader, type DashboardResponse } from './http-response.js';

/** The dashboard's scripts and stylesheets, from memory (see loadDashboardAssets). */
export class DashboardAssetsController {
  private readonly assets: ReadonlyMap<string, DashboardAsset> = loadDashboardAssets();

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) res: DashboardResponse): string {
    const asset = this.assets.get(file);
    if (!asset) throw new NotFoundException();
    setHeader(res, 'Content-Type', asset.type);
    setHeader(res, 'X-Content-Type-Options', 'nosniff');
    setHeader(res, 'Cache-Control', 'public, max-age=3600');
    return asset.body;
  }
}
