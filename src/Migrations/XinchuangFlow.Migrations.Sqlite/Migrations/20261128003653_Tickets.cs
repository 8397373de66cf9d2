using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Tickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_case_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    User = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    Data = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_case_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "xf_complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RequestKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProcurementUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcurementUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    EnterpriseResponse = table.Column<string>(type: "TEXT", nullable: true),
                    CoordinatorOpinion = table.Column<string>(type: "TEXT", nullable: true),
                    UserConfirmation = table.Column<string>(type: "TEXT", nullable: true),
                    Rounds = table.Column<int>(type: "INTEGER", nullable: false),
                    StepDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_number_sequences",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_number_sequences", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "xf_procurement_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    IntegratorId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_procurement_units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_rule_sets",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_rule_sets", x => new { x.Kind, x.Scope });
                });

            migrationBuilder.CreateTable(
                name: "xf_tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcurementUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcurementUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ProductCategory = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ProductVendor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProductModel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Cpu = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Os = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Impact = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    GradeExplanation = table.Column<string>(type: "TEXT", nullable: true),
                    GradeOverride = table.Column<string>(type: "TEXT", nullable: true),
                    IntegratorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VendorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TechnicianId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TechnicianUser = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    TechnicianName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ServicePointId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ServicePointCounty = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    DispatchExplanation = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CheckInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckInLocation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RemoteHandled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", nullable: true),
                    CitedArticles = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FirstTimeFix = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    FeedbackComment = table.Column<string>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClocksJson = table.Column<string>(type: "TEXT", nullable: false),
                    ResponseDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OnSiteDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolutionDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Breached = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_tickets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_case_events_CaseId",
                table: "xf_case_events",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_CityCode_Status",
                table: "xf_complaints",
                columns: new[] { "CityCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_CreatedBy_RequestKey",
                table: "xf_complaints",
                columns: new[] { "CreatedBy", "RequestKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_InstanceId",
                table: "xf_complaints",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_Number",
                table: "xf_complaints",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_TicketId",
                table: "xf_complaints",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_procurement_units_Name",
                table: "xf_procurement_units",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_CityCode_Status",
                table: "xf_tickets",
                columns: new[] { "CityCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_CreatedAt",
                table: "xf_tickets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_CreatedBy_RequestKey",
                table: "xf_tickets",
                columns: new[] { "CreatedBy", "RequestKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_InstanceId",
                table: "xf_tickets",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_IntegratorId_Status",
                table: "xf_tickets",
                columns: new[] { "IntegratorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_Number",
                table: "xf_tickets",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_ProcurementUnitId",
                table: "xf_tickets",
                column: "ProcurementUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_TechnicianUser",
                table: "xf_tickets",
                column: "TechnicianUser");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_case_events");

            migrationBuilder.DropTable(
                name: "xf_complaints");

            migrationBuilder.DropTable(
                name: "xf_number_sequences");

            migrationBuilder.DropTable(
                name: "xf_procurement_units");

            migrationBuilder.DropTable(
                name: "xf_rule_sets");

            migrationBuilder.DropTable(
                name: "xf_tickets");
        }
    }
}
